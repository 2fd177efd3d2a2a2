// `npx convex function-spec`: the CLI queries `_system/cli/modules:apiSpec` for every function of the
// deployment, as Convex's system function answers it (identifier `module.js:name`, functionType, visibility,
// args and returns validators as Convex values; HTTP routes as functionType "HttpAction" with method and path).
import { relative } from "node:path";

import type { JSONValue } from "convex/values";

import type { Engine } from "../engine";
import { analyzeFunctions, httpRoutesOf } from "./analyze";

const ANY = { type: "any" };
const SOURCE = /\.(ts|js|mts|mjs|tsx|jsx)$/;

/** The serving code's functions (pushed bundles or, before any push, the source folder). */
export async function functionSpec(engine: Engine): Promise<JSONValue[]> {
  const specs: JSONValue[] = [];
  const entries = engine
    .moduleEntries()
    .map(([file, load]) => ({
      module: relative(engine.functionsDir, file).replace(SOURCE, ""),
      load,
    }))
    .filter(
      ({ module }) =>
        !module.startsWith("_") &&
        module !== "schema" &&
        module !== "auth.config" &&
        !module.includes(".."),
    )
    .sort((a, b) => a.module.localeCompare(b.module));
  for (const { module, load } of entries) {
    const exports = await load();
    for (const fn of analyzeFunctions(exports)) {
      specs.push({
        identifier: `${module}.js:${fn.name}`,
        functionType: fn.udfType,
        visibility: fn.visibility,
        args: fn.args === null ? ANY : (JSON.parse(fn.args) as JSONValue),
        returns: fn.returns === null ? ANY : (JSON.parse(fn.returns) as JSONValue),
      });
    }
    if (module === "http" && exports.default !== undefined) {
      for (const { route } of httpRoutesOf("http.js", exports))
        specs.push({ functionType: "HttpAction", method: route.method, path: route.path });
    }
  }
  return specs;
}
