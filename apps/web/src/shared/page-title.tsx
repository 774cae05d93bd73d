import { useEffect } from 'react';
import { messages } from './messages';

/** Names the browser tab after the page: "<title> · Family Link" (call once in each page). */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title === undefined ? messages.app.name : `${title} · ${messages.app.name}`;
  }, [title]);
}
