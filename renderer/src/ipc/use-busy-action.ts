import { App } from 'antd';
import { useState } from 'react';
import { useErrorMessage } from './use-error-message.js';

/**
 * One action at a time on a screen: `busy` names the one running (its buttons wait meanwhile), and
 * a failure is shown as the error's message in the user's language.
 */
export function useBusyAction<Name extends string>(): [busy: Name | null, act: (name: Name, action: () => Promise<unknown>) => Promise<void>] {
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState<Name | null>(null);
  const act = async (name: Name, action: () => Promise<unknown>) => {
    setBusy(name);
    try {
      await action();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  return [busy, act];
}
