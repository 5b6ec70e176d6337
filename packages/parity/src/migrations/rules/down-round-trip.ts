/** down-round-trip: up, down, up again must succeed and leave the same rows as the first up. */
import { notApplicable } from '../../shared/rules/rule-module';
import { verdict, type MigrationRule } from '../rule-support/evidence';

export const downRoundTrip: MigrationRule = {
  meta: {
    id: 'down-round-trip',
    description:
      'Up, down, up fails, or leaves different rows than the first up (on the small sample).',
    why: 'A down migration that fails or loses data turns a rollback into an incident.',
    docsUrl: 'docs/migration-gate.md#findings',
    defaultLevel: 'block',
  },
  check(evidence) {
  const trip = evidence.roundTrip;
  if (!trip) return notApplicable;
  if (trip.error) return verdict(true, [`up, down, up failed: ${trip.error}`]);
  return verdict(
    true,
    trip.changedTables.map((t) => `after up, down, up the rows of \`${t}\` differ from after the first up: the down migration loses data.`),
  );
},
};

export default downRoundTrip;
