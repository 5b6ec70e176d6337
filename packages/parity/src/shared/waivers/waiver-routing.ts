/**
 * Which engine applies which waiver, for files read by more than one (a policy file serves `check --policy`
 * and `plan review --policy`): a waiver with a `rule` is addressed to the engine owning that rule id; one
 * with no rule to its `engine`, or (none given) to every engine that reads the file. Each engine applies,
 * and counts as unused, only the waivers addressed to it. A rule id no file-reading engine owns is bad
 * input when the file is loaded: it would waive nothing anywhere.
 */
import { badInput } from '../exit-error';

/** The engines that read waiver files (the migration gate's waivers are inline annotations). */
export const WAIVER_ENGINES = ['check', 'plan-review'] as const;
export type WaiverEngine = (typeof WAIVER_ENGINES)[number];

/** The rule ids each engine's waivers may name, and those only an inline annotation may name (the gate's). */
export interface WaiverRuleIds {
  readonly engines: Readonly<Record<WaiverEngine, readonly string[]>>;
  readonly inlineOnly: readonly string[];
}

/** What of a waiver routing reads. */
export interface RoutedWaiver {
  readonly rule?: string;
  readonly engine?: WaiverEngine;
}

function knownIds(ids: WaiverRuleIds, engines: readonly WaiverEngine[]): string {
  return engines.map((e) => `${e} (${ids.engines[e].join(', ')})`).join(' or ');
}

/**
 * Exit 2 on the first waiver of `file` whose rule none of the engines reading the file owns, or whose `engine`
 * is not one of them or not its rule's.
 */
export function assertWaiverRules(
  waivers: readonly RoutedWaiver[],
  ids: WaiverRuleIds,
  file: string,
  readers: readonly WaiverEngine[] = WAIVER_ENGINES,
): void {
  waivers.forEach((w, i) => {
    const where = `waiver ${i + 1} in \`${file}\``;
    if (w.engine !== undefined && !readers.includes(w.engine))
      throw badInput(`\`engine\` ${readers.map((e) => `\`${e}\``).join(' or ')} in ${where}`, `\`${w.engine}\``, 'Remove `engine`.');
    if (w.rule === undefined) return;
    const owner = readers.find((engine) => ids.engines[engine].includes(w.rule!));
    if (owner === undefined) {
      const inline = ids.inlineOnly.includes(w.rule);
      const other = WAIVER_ENGINES.find((engine) => !readers.includes(engine) && ids.engines[engine].includes(w.rule!));
      throw badInput(
        `a rule id of ${knownIds(ids, readers)} in ${where}`,
        `\`${w.rule}\`${inline ? ' (a migration gate rule)' : other ? ` (a rule of ${other}, which does not read this file)` : ''}`,
        inline
          ? 'Waive migration findings inline in the migration (`-- parity:allow RULE reason="..." owner=TEAM expires=YYYY-MM-DD`).'
          : 'Use one of those ids, or (with an `address`) leave `rule` out to waive every rule there.',
      );
    }
    if (w.engine !== undefined && w.engine !== owner)
      throw badInput(
        `a rule id of ${knownIds(ids, [w.engine])} in ${where} (it says \`engine: ${w.engine}\`)`,
        `\`${w.rule}\`, a rule of ${owner}`,
        `Remove \`engine\` or set it to \`${owner}\`.`,
      );
  });
}

/** The waivers addressed to `engine`: its rules' ones, and rule-less ones for it or for no engine in particular. */
export function waiversFor<W extends RoutedWaiver>(engine: WaiverEngine, waivers: readonly W[], ids: WaiverRuleIds): W[] {
  return waivers.filter((w) => (w.rule === undefined ? (w.engine ?? engine) === engine : ids.engines[engine].includes(w.rule)));
}
