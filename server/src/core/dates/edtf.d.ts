// The `edtf` package ships no type declarations; we only use its parser, whose
// result is plain data (type, level, values and qualifier bitmasks).
declare module "edtf" {
  export interface EdtfParsed {
    type: "Date" | "Year" | "Season" | "Interval" | "Decade" | "Century" | "List" | "Set";
    level: number;
    values: Array<number | EdtfParsed | null | Array<EdtfParsed | null>>;
    uncertain?: boolean | number;
    approximate?: boolean | number;
    unspecified?: number;
  }
  export function parse(input: string, constraints?: { level?: number; types?: string[] }): EdtfParsed;
}
