import { useEffect, useState } from 'react';

export const sections = ['customers', 'inbox', 'documents', 'reports', 'admin'] as const;
export type Section = (typeof sections)[number];

function current(): Section {
  const name = window.location.hash.replace(/^#\/?/, '');
  return (sections as readonly string[]).includes(name) ? (name as Section) : 'customers';
}

/** The open section lives in the URL hash, so a reload keeps it. */
export function useHashRoute(): [Section, (section: Section) => void] {
  const [section, setSection] = useState<Section>(current);
  useEffect(() => {
    const onChange = () => setSection(current());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [section, (next) => (window.location.hash = `/${next}`)];
}
