import { useNavigate } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * Client-side navigation for plain `<a href>` links inside a long list, with one click listener
 * on the container instead of a `<Link>` per row. On the set page (50 rows and an outline of
 * every section) the per-link route resolution of `<Link>` was a large share of the render cost.
 * The anchors stay real links: they work without JavaScript, open in a new tab with a modifier
 * key, and Enter on a focused link fires the same click.
 */
export function useDelegatedLinks<Element extends HTMLElement>() {
  const containerRef = useRef<Element>(null);
  const navigate = useNavigate();
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = event.target instanceof Element ? event.target.closest("a") : null;
      if (!anchor || !container.contains(anchor)) return;
      if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      event.preventDefault();
      navigate(`${url.pathname}${url.search}${url.hash}`);
    };
    container.addEventListener("click", onClick);
    return () => container.removeEventListener("click", onClick);
  }, [navigate]);
  return containerRef;
}
