// Where the time of a missed target goes: a CPU profile of one run of a function
// (node:inspector, in this process), summarised as self time per function with
// garbage collection as its own line. The full profile is written for DevTools.
import { Session } from "node:inspector/promises";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Runs `fn` under the profiler; returns the top `count` functions by self time (ms) and writes the profile to `file`. */
export async function profileTop(fn: () => unknown, file: string, count = 10): Promise<string[]> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  fn();
  const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
  session.disconnect();
  writeFileSync(file, JSON.stringify(profile));
  return summarizeProfile(profile, count);
}

/**
 * Where the time goes in a child process started with `--cpu-prof --cpu-prof-dir=dir`
 * (the server, the CLI, the fact loader): the top functions by self time of the
 * newest profile written there.
 */
export function profileDirTop(dir: string, count = 10): string[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!files.length) return ["(no profile was written)"];
  return summarizeProfile(JSON.parse(readFileSync(files[0], "utf8")) as Profile, count);
}

/** Self time per function (ms and share of the busy time), garbage collection as its own line. */
export function summarizeProfile(profile: Profile, count = 10): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    // Not the measured code: idle time, and the inspector answering Profiler.stop.
    if (functionName === "(idle)" || functionName === "(program)" || (functionName === "dispatch" && !url)) return;
    total += dt;
    const where = url ? `${url.split("/").slice(-2).join("/")}:${lineNumber + 1}` : "";
    const key = `${functionName || "(anonymous)"}${where ? ` ${where}` : ""}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => `${ms.toFixed(1)} ms (${((100 * ms) / total).toFixed(0)} %) ${name}`);
}
