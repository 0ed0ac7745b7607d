import { useEffect, useState } from 'react';

export const sections = ['customers', 'inbox', 'documents', 'reports', 'admin'] as const;
export type Section = (typeof sections)[number];

/** Where the app is: a section and what is open inside it (`#/customers/<id>` → ['customers', '<id>']). */
export interface Route {
  section: Section;
  /** The rest of the path after the section, without the leading slash; '' when none. */
  subPath: string;
}

function current(): Route {
  const path = window.location.hash.replace(/^#\/?/, '');
  const slash = path.indexOf('/');
  const name = slash < 0 ? path : path.slice(0, slash);
  if (!(sections as readonly string[]).includes(name)) return { section: 'customers', subPath: '' };
  return { section: name as Section, subPath: slash < 0 ? '' : decodeURIComponent(path.slice(slash + 1)) };
}

/** Opens a section, or something inside it. */
export function navigate(section: Section, subPath = ''): void {
  window.location.hash = subPath ? `/${section}/${encodeURIComponent(subPath)}` : `/${section}`;
}

/** The open section and sub-path live in the URL hash, so a reload keeps them. */
export function useHashRoute(): [Section, (section: Section, subPath?: string) => void, string] {
  const [route, setRoute] = useState<Route>(current);
  useEffect(() => {
    const onChange = () => setRoute(current());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [route.section, navigate, route.subPath];
}
