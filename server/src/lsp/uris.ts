// The core names documents by file path (it resolves bibliographies and fact
// files relative to them); LSP names them by URI. These convert between the two.
import { fileURLToPath, pathToFileURL } from "node:url";
import * as path from "node:path";

/** Directory the extension (or repository) lives in: dist/.. for the bundle. */
export const extensionRoot = path.resolve(typeof __dirname === "string" ? __dirname : process.cwd(), "..");

export function toCorePath(uri: string): string {
  if (uri.startsWith("file:")) {
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  }
  return uri;
}

/** Core path (absolute, or relative to the extension for bundled fact files) → URI. */
export function toLspUri(file: string): string {
  if (/^[a-z][a-z0-9+.-]+:/i.test(file) && !/^[a-z]:[\\/]/i.test(file)) return file;
  const absolute = path.isAbsolute(file) ? file : path.join(extensionRoot, file);
  return pathToFileURL(absolute).href;
}
