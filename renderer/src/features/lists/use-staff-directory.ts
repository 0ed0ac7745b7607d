import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/ipc/contract.js';
import { invoke } from '../../ipc/client.js';

type Directory = MethodOutput<'staff.directory'>;

/** Agents and branches to filter lists by; empty until main answers. */
export function useStaffDirectory(): Directory {
  const [directory, setDirectory] = useState<Directory>({ staff: [], branches: [] });
  useEffect(() => {
    invoke('staff.directory', {}).then(setDirectory, () => undefined);
  }, []);
  return directory;
}
