#!/usr/bin/env node
// Thin shim so `npx clio` and the `bin` entry run the bundled CLI.
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
require("../dist/cli.cjs");
