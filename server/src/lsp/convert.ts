// Core types → LSP types, one to one.
import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  type Diagnostic,
  type WorkspaceEdit,
  type TextDocumentEdit,
  type CreateFile,
} from "vscode-languageserver/node";
import type { ClioDiagnostic, FileEdit, QuickFix, Severity } from "../core/types.js";
import { toLspUri } from "./uris.js";

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Older servers sent the fixes along; code actions still accept them. */
export interface ClioDiagnosticData {
  fixes?: QuickFix[];
}

export function toLspDiagnostic(d: ClioDiagnostic): Diagnostic {
  const out: Diagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity] ?? DiagnosticSeverity.Warning,
    code: d.code,
    source: "clio",
    message: d.message,
  };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: toLspUri(r.uri), range: r.range }, message: r.message }));
  }
  return out;
}

export function toWorkspaceEdit(edits: FileEdit[], supportsDocumentChanges: boolean): WorkspaceEdit {
  if (!supportsDocumentChanges) {
    const changes: NonNullable<WorkspaceEdit["changes"]> = {};
    for (const f of edits) (changes[toLspUri(f.uri)] ??= []).push(...f.edits);
    return { changes };
  }
  const documentChanges: Array<TextDocumentEdit | CreateFile> = [];
  for (const f of edits) {
    const uri = toLspUri(f.uri);
    if (f.create) documentChanges.push({ kind: "create", uri, options: { ignoreIfExists: true, overwrite: false } });
    documentChanges.push({ textDocument: { uri, version: null }, edits: f.edits });
  }
  return { documentChanges };
}

export function toCodeAction(fix: QuickFix, diagnostic: Diagnostic, supportsDocumentChanges: boolean): CodeAction {
  const action = CodeAction.create(fix.title, toWorkspaceEdit(fix.edits, supportsDocumentChanges), CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  if (fix.preferred) action.isPreferred = true;
  return action;
}
