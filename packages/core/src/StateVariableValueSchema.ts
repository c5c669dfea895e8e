import * as v from 'valibot';
import { CHATKIT_SESSION_LIMITS } from './constants.js';

/** A value `workflow.state_variables` may hold: a string, a finite number or a boolean. */
export const StateVariableValueSchema = v.union(
  [
    v.pipe(
      v.string(),
      v.maxLength(
        CHATKIT_SESSION_LIMITS.maxStateVariableStringLength,
        `must be at most ${CHATKIT_SESSION_LIMITS.maxStateVariableStringLength} characters`,
      ),
    ),
    v.pipe(v.number(), v.finite('must be a finite number')),
    v.boolean(),
  ],
  'must be a string, number or boolean (objects, arrays and null are not allowed)',
);

/** A state variable's value. */
export type StateVariableValue = v.InferOutput<typeof StateVariableValueSchema>;
