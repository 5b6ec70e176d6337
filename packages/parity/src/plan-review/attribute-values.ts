/** Reading values of a change is the shared plan layer's (src/shared/plan/attribute-values.ts); kept for the rule modules' imports. */
export {
  KNOWN_AFTER_APPLY,
  SENSITIVE,
  anyMarked,
  attribute,
  marksAt,
  maskValue,
  toStep,
  type AttributeValue,
  type StepInput,
  type StepInput as PathStep,
} from '../shared/plan/attribute-values';
