// Prints the top functions by self time from a V8 .cpuprofile (what `node --cpu-prof` writes; the bench's
// `--cpu-prof DIR` profiles the server). Usage: tsx bench/profile-top.ts <file.cpuprofile | dir> [N]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [target, countArg] = process.argv.slice(2);
if (target === undefined) {
  console.error("usage: tsx bench/profile-top.ts <file.cpuprofile | dir> [N]");
  process.exit(2);
}
/** The biggest profile in a folder (the main thread's: tsx's loader thread writes a small one too), or the file. */
const file = statSync(target).isDirectory()
  ? readdirSync(target)
      .filter((name) => name.endsWith(".cpuprofile"))
      .map((name) => join(target, name))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0]
  : target;
if (file === undefined) {
  console.error(`no .cpuprofile in ${target}`);
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
// Self time per sample: each sample's node gets the time delta that follows it.
const selfUs = new Map<string, number>();
let totalUs = 0;
profile.samples.forEach((id, index) => {
  const node = byId.get(id);
  const delta = profile.timeDeltas[index + 1] ?? 0;
  if (node === undefined) return;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url === "" ? "" : ` ${shorten(url)}:${lineNumber + 1}`;
  const key = `${functionName || "(anonymous)"}${where}`;
  selfUs.set(key, (selfUs.get(key) ?? 0) + delta);
  totalUs += delta;
});

function shorten(url: string): string {
  const path = url.replace(/^file:\/\//, "");
  const modules = path.lastIndexOf("node_modules/");
  return modules >= 0
    ? path.slice(modules + "node_modules/".length)
    : relative(process.cwd(), path);
}

const top = [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, Number(countArg ?? 20));
console.log(`${file}: ${(totalUs / 1000).toFixed(0)} ms sampled`);
console.log(`| self ms | % | function |`);
console.log(`| --- | --- | --- |`);
for (const [key, us] of top)
  console.log(`| ${(us / 1000).toFixed(0)} | ${((100 * us) / totalUs).toFixed(1)} | \`${key}\` |`);
