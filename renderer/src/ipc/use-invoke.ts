import { useCallback, useEffect, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/ipc/contract.js';
import { invoke } from './client.js';

/**
 * The answer to one call, asked again when the input changes or on `reload` (the last answer
 * stays shown meanwhile); a null input asks nothing. Answers to an older input are dropped.
 */
export function useInvoke<M extends MethodName>(method: M, input: MethodInput<M> | null) {
  const key = input === null ? null : JSON.stringify(input);
  const [answer, setAnswer] = useState<{ key: string; value: MethodOutput<M> | null; error: unknown } | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    if (key === null) return;
    let current = true;
    invoke(method, JSON.parse(key) as MethodInput<M>).then(
      (value) => {
        if (current) setAnswer({ key, value, error: null });
      },
      (error: unknown) => {
        if (current) setAnswer({ key, value: null, error });
      },
    );
    return () => {
      current = false;
    };
  }, [method, key, version]);
  const fresh = answer !== null && answer.key === key ? answer : null;
  return {
    value: fresh?.value ?? null,
    error: fresh?.error ?? null,
    loading: key !== null && fresh === null,
    reload,
  };
}
