// Editor features as pure functions over a ClioWorkspace; the language server maps them to LSP.
export { hoverAt, dateCard, entityCard, sourceCard, titleCard, entityHeadline, safeFacts, type HoverCard } from "./hover.js";
export { completionsAt, type CompletionEntry, type CompletionKind } from "./completion.js";
export { definitionAt, referencesAt, prepareRenameAt, renameAt, type Location, type PrepareRenameResult } from "./navigation.js";
export { documentSymbols, workspaceSymbols, type DocumentSymbolEntry, type WorkspaceSymbolEntry } from "./symbols.js";
export { constructAt, roleTitleBefore, type Construct } from "./locate.js";
export { describeDate, chicagoReference, dayRangeInWords, civilFromDays, yearInWords } from "./format.js";
