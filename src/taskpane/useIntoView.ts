/* Bringing a message into view where the user is looking (issue 15, point 8). */
import { useEffect, useRef, type RefObject } from 'react';

/**
 * A ref for an element that scrolls itself into view whenever `key` changes to something shown
 * (not null/undefined/false), so a message or a result never appears out of sight.
 */
export function useIntoView<T extends HTMLElement>(key: unknown): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  useEffect(() => {
    if (key === null || key === undefined || key === false) return;
    // jsdom has no scrollIntoView; a browser always does.
    ref.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [key]);
  return ref;
}
