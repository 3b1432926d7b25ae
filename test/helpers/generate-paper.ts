// A deterministic generated paper with N dated claims, for scale tests of the
// timeline and the Pandoc export: every date form of the spec, entity links with
// and without shown text, citations, headings, code that must stay untouched
// (left out with { code: false }, for output checks that cannot tell code apart).
// CLI: node --import tsx test/helpers/generate-paper.ts 500 [--no-code] > paper.md

export interface GeneratedPaper {
  text: string;
  /** Number of date tags (= explicit claims) written. */
  claims: number;
  /** Entity links written. */
  links: number;
}

const ACTORS = [
  "Albania", "Soviet Union", "China", "Yugoslavia", "Enver Hoxha", "Mehmet Shehu", "Zhou Enlai", "Mao Zedong",
  "Nikita Khrushchev", "Liu Shaoqi", "Hysni Kapo", "Ramiz Alia", "Deng Xiaoping", "Beqir Balluku",
];
const VERBS = [
  "sent a delegation to", "signed a trade protocol with", "received the envoy of", "criticised", "praised",
  "exchanged telegrams with", "met representatives of", "renewed an aid agreement with", "broke with", "visited",
];
const KEYS = ["tretiak1962", "biberaj1986", "selivanov2017", "fink1998", "malile1961"];

/** Small seeded generator so every run writes the same paper. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function dateTag(r: () => number, i: number): string {
  const year = 1945 + Math.floor(r() * 40);
  const month = String(1 + Math.floor(r() * 12)).padStart(2, "0");
  const day = String(1 + Math.floor(r() * 28)).padStart(2, "0");
  switch (i % 10) {
    case 0: return `${year}`;
    case 1: return `${year}-${month}`;
    case 2: return `${year}-${month}-${day}`;
    case 3: return `${year}-${month}?`;
    case 4: return `${year}~`;
    case 5: return `${year}-${month}/${year + 1}-${month}`;
    case 6: return `${year}-2${1 + (i % 4)}`;
    case 7: return `${String(year).slice(0, 3)}X`;
    case 8: return `${year}-${month}-${day}%`;
    default: return i % 20 === 9 ? `${year}-${month}/..` : `${year}-${month}-${day}`;
  }
}

export function generatePaper(claimCount: number, seed = 1961, options: { code?: boolean } = {}): GeneratedPaper {
  const r = random(seed);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(r() * list.length)];
  const lines: string[] = [
    "---",
    `title: "Generated paper with ${claimCount} claims"`,
    "clio:",
    "  severity:",
    '    claim-uncited: "off"',
    "---",
    "",
  ];
  let links = 0;
  for (let i = 0; i < claimCount; i++) {
    if (i % 25 === 0) {
      lines.push(`## Section ${i / 25 + 1}`, "");
      if (i % 100 === 0 && options.code !== false) lines.push("```", "{1961} [[Not a link]] inside code stays as written.", "```", "");
    }
    const a = pick(ACTORS);
    let b = pick(ACTORS);
    if (b === a) b = ACTORS[(ACTORS.indexOf(a) + 1) % ACTORS.length];
    const subject = i % 7 === 0 ? `[[${a}|the ${a} side]]` : `[[${a}]]`;
    links += 2;
    const cite = i % 3 === 0 ? "" : ` [@${pick(KEYS)}, p. ${1 + Math.floor(r() * 120)}]`;
    lines.push(`{${dateTag(r, i)}} ${subject} ${pick(VERBS)} [[${b}]]${cite}.${i % 4 === 3 ? "" : " Nothing more is known."}`);
    lines.push("");
  }
  return { text: lines.join("\n"), claims: claimCount, links };
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const count = Number(process.argv[2] ?? 500);
  process.stdout.write(generatePaper(count, 1961, { code: !process.argv.includes("--no-code") }).text);
}
