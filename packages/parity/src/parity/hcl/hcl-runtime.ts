/**
 * The one way into `@cdktf/hcl2json` (HashiCorp's HCL parser: a Go program compiled to WebAssembly).
 * Started as the package starts it, the parser held `parity check --hcl` open 1–3 s after its
 * report had been printed, for two reasons this module removes at their source:
 *
 * - The Go runtime's own timers. Its garbage collector and scavenger ask the host for wake-ups
 *   (`runtime.scheduleTimeoutEvent`, up to about a second each, re-armed as they fire), and Go's
 *   `wasm_exec.js` makes each one an ordinary, referenced `setTimeout`. They are housekeeping for a
 *   program that is idle between calls, so they are unreferenced here; while a call is in flight,
 *   this module's own handle keeps the process alive, so no result can ever be cut off.
 * - V8 optimizing the module in the background. The parser is 7 MiB of WebAssembly; V8 recompiles
 *   its hot functions with TurboFan on worker threads, and Node waits for every such job before the
 *   process can end, even on `process.exit()` (nodejs/node#36616). So the module is compiled once,
 *   with the baseline compiler only (`--no-wasm-dynamic-tiering --no-wasm-tier-up`; code Liftoff
 *   cannot compile still goes to TurboFan, on the spot). That also stops the recompilation from
 *   taking a core away from the parse itself (docs/benchmarks.md). The flags stay set for the rest
 *   of the process: put back after the module is compiled, V8 tiers it up again (measured), and
 *   they only change how WebAssembly is compiled, never what it computes.
 */
import { setFlagsFromString } from 'node:v8';

type Hcl2Json = typeof import('@cdktf/hcl2json');

/** The parts of `wasm_exec.js`'s `Go` class used here. */
interface GoRuntime {
  _scheduledTimeouts: Map<number, NodeJS.Timeout>;
}
type GoClass = new () => GoRuntime;

/** Every wake-up the runtime asked for, stored unreferenced (`wasm_exec.js` keeps them in this map). */
class UnreferencedTimeouts extends Map<number, NodeJS.Timeout> {
  override set(id: number, timeout: NodeJS.Timeout): this {
    timeout.unref();
    scheduledTotal += 1;
    return super.set(id, timeout);
  }
}

let parser: Hcl2Json | undefined;
const runtimes: GoRuntime[] = [];
let scheduledTotal = 0;
let inFlight = 0;
let keepAlive: NodeJS.Timeout | undefined;

function load(): Hcl2Json {
  if (parser) return parser;
  // Read when the module is compiled, which the package starts as soon as it is loaded.
  setFlagsFromString('--no-wasm-dynamic-tiering');
  setFlagsFromString('--no-wasm-tier-up');
  // Defines `globalThis.Go`, which the package instantiates once, when it has read its module.
  require('@cdktf/hcl2json/wasm/bridge_wasm_exec.js');
  const global = globalThis as unknown as { Go: GoClass };
  const Go = global.Go;
  global.Go = class extends Go {
    constructor() {
      super();
      this._scheduledTimeouts = new UnreferencedTimeouts();
      runtimes.push(this);
    }
  };
  parser = require('@cdktf/hcl2json') as Hcl2Json;
  return parser;
}

/** Runs one call into the parser, holding the process open until it settles. */
async function call<T>(run: (hcl: Hcl2Json) => Promise<T>): Promise<T> {
  if (inFlight++ === 0) keepAlive = setInterval(() => {}, 2 ** 31 - 1);
  try {
    return await run(load());
  } finally {
    if (--inFlight === 0) clearInterval(keepAlive);
  }
}

/** Parses one Terraform file (HCL or tfvars) into Terraform JSON's shape. */
export function parseHcl(file: string, text: string): Promise<Record<string, unknown>> {
  return call((hcl) => hcl.parse(file, text) as Promise<Record<string, unknown>>);
}

/** The syntax tree of one HCL expression, or null for an empty one. */
export function expressionAst(file: string, expression: string): Promise<unknown> {
  return call((hcl) => hcl.getExpressionAst(file, expression));
}

/** What the parser's runtime holds: for tests that check it never keeps the process alive. */
export function hclRuntimeTimers(): { runtimes: number; scheduledTotal: number; pending: number; referenced: number } {
  const pending = runtimes.flatMap((runtime) => [...runtime._scheduledTimeouts.values()]);
  return {
    runtimes: runtimes.length,
    scheduledTotal,
    pending: pending.length,
    referenced: pending.filter((timeout) => timeout.hasRef()).length + (inFlight > 0 ? 1 : 0),
  };
}
