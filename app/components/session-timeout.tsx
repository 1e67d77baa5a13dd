import { useLocation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";

import { useT } from "~/utils/i18n";

type Props = { idleSeconds: number; warningSeconds: number; idleRemainingMs: number };
type KeepAliveAnswer = { ok: boolean; idleRemainingMs?: number };

/**
 * WCAG 2.2.1 (timing adjustable): warns before the idle timeout and offers to stay signed in.
 * The countdown starts from what the server says is left (sent on every navigation, since the
 * root loader runs each time) and from each keep-alive answer. Typing in a form sends a quiet
 * keep-alive now and then, since a person writing a long requirement is not idle.
 *
 * The keep-alive is a plain `fetch`, not a Remix fetcher: it changes no page data, so nothing
 * should revalidate after it, and a fetcher whose answer arrived while a form was being sent
 * (someone types a title and presses Import) stayed "loading" after that form's redirect.
 */
export function SessionTimeoutWarning({ idleSeconds, warningSeconds, idleRemainingMs }: Props) {
  const t = useT();
  const location = useLocation();
  const [expiresAt, setExpiresAt] = useState(() => Date.now() + idleRemainingMs);
  const [now, setNow] = useState(() => Date.now());
  const stayButton = useRef<HTMLButtonElement>(null);
  const lastKeepAliveSent = useRef(0);

  const secondsLeft = Math.max(0, Math.ceil((expiresAt - now) / 1000));
  const warning = secondsLeft <= warningSeconds && secondsLeft > 0;
  const expired = secondsLeft === 0;

  useEffect(() => {
    setExpiresAt(Date.now() + idleRemainingMs);
  }, [location.key, idleRemainingMs]);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  const sendKeepAlive = useCallback(() => {
    lastKeepAliveSent.current = Date.now();
    fetch("/session/keepalive", { method: "POST", headers: { Accept: "application/json" } })
      .then(async (response) => (response.ok ? ((await response.json()) as KeepAliveAnswer) : null))
      .then((answer) => {
        if (answer?.ok && answer.idleRemainingMs !== undefined) setExpiresAt(Date.now() + answer.idleRemainingMs);
      })
      .catch(() => {
        // Offline for a moment: the countdown goes on from the last answer, and typing sends another.
      });
  }, []);

  useEffect(() => {
    // Typing counts as activity: at most one keep-alive per tenth of the idle period.
    const onInput = () => {
      if (Date.now() - lastKeepAliveSent.current > (idleSeconds * 1000) / 10) sendKeepAlive();
    };
    document.addEventListener("input", onInput);
    return () => document.removeEventListener("input", onInput);
  }, [idleSeconds, sendKeepAlive]);

  useEffect(() => {
    if (warning) stayButton.current?.focus();
  }, [warning]);

  if (!warning && !expired) return null;
  return (
    <div
      className="session-warning"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="session-warning-title"
      aria-describedby="session-warning-body"
    >
      <h2 id="session-warning-title">{expired ? t("session.expiredTitle") : t("session.warningTitle")}</h2>
      <p id="session-warning-body">
        {expired ? t("session.expiredBody") : t("session.warningBody", { seconds: secondsLeft })}
      </p>
      {expired ? null : (
        <button type="button" ref={stayButton} onClick={sendKeepAlive}>
          {t("session.stay")}
        </button>
      )}
    </div>
  );
}
