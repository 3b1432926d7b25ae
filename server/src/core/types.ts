// Shared shapes of Clio's protocol-free core. No `vscode`, no LSP imports here:
// positions follow LSP conventions (0-based lines, UTF-16 code units) so the
// adapters map them one to one, but they are plain data.

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
/** UTF-16 offsets into a document's text, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = "error" | "warning" | "information" | "hint";
export type SeveritySetting = Severity | "off";

// ---------------------------------------------------------------- dates

/** Days since 1970-01-01 in the proleptic Gregorian calendar; ±Infinity for open ends. */
export type DayNumber = number;

export type DatePrecision = "day" | "month" | "season" | "year" | "decade" | "century" | "interval";

/** A parsed EDTF date seen as the interval of days it may denote. */
export interface ClioDate {
  /** The EDTF text as written (trimmed). */
  edtf: string;
  /** First and last day the date may denote (inclusive). */
  earliest: DayNumber;
  latest: DayNumber;
  /** Bounds widened by uncertainty/approximation; equal to earliest/latest for a plain date. */
  looseEarliest: DayNumber;
  looseLatest: DayNumber;
  precision: DatePrecision;
  uncertain: boolean;
  approximate: boolean;
  /** Unspecified digits (`196X`, `1961-1X`). */
  unspecified: boolean;
  /** EDTF season code 21..24 (or 25..41) when the date is a season. */
  season?: number;
  openStart: boolean;
  openEnd: boolean;
}

/** How two dates relate: certainly overlapping, overlapping only through uncertainty, or certainly disjoint. */
export type Overlap = "overlap" | "fuzzy" | "disjoint";

// ---------------------------------------------------------------- diagnostics and edits

export interface RelatedInfo {
  uri: string;
  range: Range;
  message: string;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Edits to one file. `create` asks for the file to be created first when missing (entity stubs). */
export interface FileEdit {
  uri: string;
  edits: TextEdit[];
  create?: boolean;
}

/** A quick fix as a pure edit description; the CLI applies the `safe` ones with --fix, the editor offers all. */
export interface QuickFix {
  title: string;
  edits: FileEdit[];
  safe: boolean;
  preferred?: boolean;
}

export interface ClioDiagnostic {
  uri: string;
  range: Range;
  severity: Severity;
  code: string;
  message: string;
  source?: "clio";
  related?: RelatedInfo[];
  fixes?: QuickFix[];
  /** True when the diagnostic comes from an implicit (prose-mode) claim. */
  implicit?: boolean;
}

// ---------------------------------------------------------------- the document model

export interface DateTag {
  span: Span;
  range: Range;
  /** Text between the braces. */
  raw: string;
  /** Parsed date; absent when the tag is invalid (then `error` says why). */
  date?: ClioDate;
  error?: string;
}

export interface EntityLink {
  span: Span;
  range: Range;
  target: string;
  targetRange: Range;
  shown?: string;
  shownRange?: Range;
  /** The name form used: the shown text if present, else the target. */
  nameUsed: string;
  nameRange: Range;
  /**
   * Text immediately before the link inside the same claim (after the previous
   * link, tag or clause break), where a role title may stand: checks match its
   * trailing words against the fact base's titles.
   */
  before: { text: string; span: Span };
  /** Set for names recognised in unmarked prose (prose mode). */
  implicit?: boolean;
}

export type LocatorLabel = "page" | "chapter" | "section" | "note" | "paragraph" | "other";

export interface Locator {
  label: LocatorLabel;
  /** The locator as written, e.g. "12–14". */
  value: string;
  /** Numeric page ranges when the locator is pages, e.g. [[12, 14]]. */
  pages?: Array<[number, number]>;
}

export interface CitationItem {
  key: string;
  keyRange: Range;
  span: Span;
  prefix?: string;
  locator?: Locator;
  suffix?: string;
  suppressAuthor?: boolean;
}

export interface Citation {
  span: Span;
  range: Range;
  items: CitationItem[];
  /** `@key [p. 3]` or a bare `@key` outside brackets. */
  inText: boolean;
}

export interface Claim {
  /** Index in document order. */
  index: number;
  span: Span;
  range: Range;
  /** The opening date tag; for implicit claims, the recognised natural date. */
  dateTag: DateTag;
  links: EntityLink[];
  /** The first entity link. */
  subject?: EntityLink;
  citations: Citation[];
  /** Claim text as written (from the tag to the end of the claim). */
  text: string;
  /** Prose-mode claim found in unmarked text. */
  implicit?: boolean;
  /** Index of the paragraph (block) holding the claim. */
  paragraph: number;
}

export interface ClioFrontMatterSettings {
  facts: string[];
  severity: Record<string, SeveritySetting>;
  prose?: boolean;
}

export interface FrontMatter {
  span: Span;
  range: Range;
  data: Record<string, unknown>;
  bibliography: string[];
  /** Present when the front matter has a `clio:` block. */
  clio?: ClioFrontMatterSettings;
}

export interface ParsedDocument {
  uri: string;
  text: string;
  version?: number;
  /** Offsets where each line starts (for offset ↔ position). */
  lineStarts: number[];
  frontMatter?: FrontMatter;
  dateTags: DateTag[];
  links: EntityLink[];
  /** Citations in the whole document, also those outside claims. */
  citations: Citation[];
  claims: Claim[];
  /** Parse-time diagnostics: date-invalid, front-matter problems. */
  diagnostics: ClioDiagnostic[];
  /** Regions that are never Clio markup: code, math, HTML comments, front matter. */
  excluded: Span[];
  /** Blocks of prose (paragraphs, list items, headings…) in document order. */
  paragraphs: Span[];
}

// ---------------------------------------------------------------- the fact base

export type EntityType = "person" | "state" | "party" | "organisation" | "place" | "event";

/** Where a fact comes from: a source key and where in that source. */
export interface SourceRef {
  key: string;
  locator?: string;
}

/** Where a fact is written down (for go to definition and error positions). */
export interface FactOrigin {
  file: string;
  range?: Range;
}

export interface Alternative {
  date?: string;
  start?: string;
  end?: string;
  value?: string;
  sources: SourceRef[];
}

export interface NamePeriod {
  name: string;
  kind: "official" | "short";
  from?: string;
  to?: string;
  sources: SourceRef[];
  fromDate?: ClioDate;
  toDate?: ClioDate;
}

export interface Office {
  /** Title id (see Title). */
  title: string;
  /** Entity id of the state, party or organisation. */
  of?: string;
  start?: string;
  end?: string;
  startDate?: ClioDate;
  endDate?: ClioDate;
  sources: SourceRef[];
  alternatives?: Alternative[];
  conflict?: boolean;
  /** Holder's entity id (filled in by the index). */
  holder: string;
}

export interface Entity {
  id: string;
  type: EntityType;
  name: string;
  aliases: string[];
  wikidata?: string;
  description?: string;
  existence?: { start?: string; end?: string };
  startDate?: ClioDate;
  endDate?: ClioDate;
  names: NamePeriod[];
  offices: Office[];
  sources: SourceRef[];
  alternatives?: Alternative[];
  conflict?: boolean;
  origin: FactOrigin;
}

export interface FactEvent {
  id: string;
  type: string;
  name: string;
  participants: string[];
  date: string;
  parsedDate?: ClioDate;
  place?: string;
  sources: SourceRef[];
  alternatives?: Alternative[];
  conflict?: boolean;
  origin: FactOrigin;
}

export interface Title {
  id: string;
  name: string;
  aliases: string[];
  origin: FactOrigin;
}

export interface EventType {
  id: string;
  name: string;
  triggers: string[];
  /**
   * Happens again and again between the same participants (meetings, statements):
   * participants plus a trigger word do not tie a claim to one listed event.
   */
  recurring: boolean;
  origin: FactOrigin;
}

/** A source: CSL-JSON fields plus its key, issue date and provenance. */
export interface Source {
  key: string;
  type: string;
  title?: string;
  author?: Array<{ family?: string; given?: string; literal?: string }>;
  editor?: Array<{ family?: string; given?: string; literal?: string }>;
  "container-title"?: string;
  publisher?: string;
  "publisher-place"?: string;
  issued?: string;
  issuedDate?: ClioDate;
  page?: string;
  /** Parsed page range [first, last] when `page` is numeric. */
  pageRange?: [number, number];
  volume?: string;
  issue?: string;
  archive?: string;
  "archive_location"?: string;
  URL?: string;
  sources: SourceRef[];
  origin: FactOrigin;
  /** Where the entry came from: the bundled base, a workspace fact file, or a bibliography. */
  from: "bundled" | "facts" | "bibliography";
}

export interface Conflict {
  id: string;
  about: string;
  note?: string;
  sources: SourceRef[];
  origin: FactOrigin;
}

/** A problem found while loading fact files or bibliographies, with its file position. */
export interface FactProblem {
  file: string;
  range: Range;
  severity: Severity;
  code: "fact-file-invalid" | "bibliography-invalid";
  message: string;
}

/** A fact file's text as handed to the loader (bundled, workspace or front-matter file). */
export interface FactFileText {
  /** Path or URI, used in messages and for go to definition. */
  file: string;
  text: string;
  origin: "bundled" | "workspace";
  /**
   * The file's content already parsed (the build does this for the bundled base),
   * so start-up skips the YAML parser; `text` is then parsed only for positions.
   */
  data?: unknown;
}

/** The queryable fact base: built once per set of fact files, lookups O(1) or O(log n). */
export interface FactIndex {
  readonly entities: ReadonlyMap<string, Entity>;
  readonly events: ReadonlyMap<string, FactEvent>;
  readonly titles: ReadonlyMap<string, Title>;
  readonly eventTypes: ReadonlyMap<string, EventType>;
  readonly conflicts: readonly Conflict[];
  /** Problems found while loading (schema and semantic errors), with positions. */
  readonly problems: readonly FactProblem[];

  /** Entities whose id, canonical name, alias or period name matches (case- and diacritic-insensitive). */
  lookup(nameOrAlias: string): Entity[];
  /** Every name form (canonical, alias, period name) → entity ids; for multi-pattern matching in prose. */
  allNames(): Iterable<[name: string, ids: string[]]>;
  /** Whether the entity exists at the date: existence interval vs. date. */
  existsAt(entityId: string, date: ClioDate): Overlap;
  /** Offices the entity holds at the date, with how surely. */
  officesAt(entityId: string, date: ClioDate): Array<{ office: Office; overlap: Overlap }>;
  /** Who holds an office (title id, optionally of a given state/party) at the date. */
  holdersAt(titleId: string, date: ClioDate, of?: string): Array<{ entity: Entity; office: Office; overlap: Overlap }>;
  /** Title by name or alias (normalised), e.g. "Prime Minister" → premier. */
  title(text: string): Title | undefined;
  /** Every title name and alias → title id; for matching words before links. */
  allTitleNames(): Iterable<[name: string, titleId: string]>;
  /** Name periods of the entity in use at the date. */
  namesAt(entityId: string, date: ClioDate): NamePeriod[];
  /** Name periods of the entity whose name equals the given form (normalised). */
  namePeriodsFor(entityId: string, nameUsed: string): NamePeriod[];
  /** Events in which every given entity participates. */
  eventsWith(participantIds: readonly string[]): FactEvent[];
  /** Events that overlap the date. */
  eventsDuring(date: ClioDate): FactEvent[];
  /** Event types whose trigger words include the word (lower-cased). */
  eventTypesForWord(word: string): EventType[];
  /** Every trigger word → event type ids. */
  allTriggers(): Iterable<[word: string, typeIds: string[]]>;
  source(key: string): Source | undefined;
  readonly sources: ReadonlyMap<string, Source>;
}
