import {useCallback, useRef, useState} from 'react';
import {changedDecisions, reduce, type ReviewAction, type ReviewState} from '../../src/review/session.js';
import type {ReviewEffects} from '../../src/review/controller.js';

/**
 * The review state with persistence: every action runs through the pure reducer, and any
 * decision it changed is written to the store before the screen redraws.
 */
export function useReviewState(
  initial: ReviewState,
  effects: ReviewEffects,
): [ReviewState, (a: ReviewAction) => void, () => ReviewState] {
  const ref = useRef(initial);
  const [state, setState] = useState(initial);
  const dispatch = useCallback(
    (action: ReviewAction) => {
      const before = ref.current;
      const after = reduce(before, action);
      if (after === before) return;
      const changes = changedDecisions(before, after);
      let next = after;
      if (changes.length > 0) {
        try {
          effects.persist(changes, after);
        } catch (err) {
          next = reduce(after, {type: 'set-message', message: `could not store the decision: ${(err as Error).message}`});
        }
      }
      ref.current = next;
      setState(next);
    },
    [effects],
  );
  const getState = useCallback(() => ref.current, []);
  return [state, dispatch, getState];
}
