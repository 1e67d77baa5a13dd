import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";

import { ErrorList } from "~/components/forms";
import { useT } from "~/utils/i18n";

export type MentionOption = { id: string; name: string; regionShortName: string | null };

/** `@` at the start or after a space or bracket, then one or two words, right before the caret. */
const QUERY_BEFORE_CARET = /(^|[\s(])@(\p{L}[\p{L}\p{M}'’-]*(?: \p{L}[\p{L}\p{M}'’-]*)?)$/u;

function isMentionOptions(value: unknown): value is { people: MentionOption[] } {
  return (
    typeof value === "object" &&
    value !== null &&
    "people" in value &&
    Array.isArray((value as { people: unknown }).people)
  );
}

/**
 * A comment textarea that offers people to @mention, as an ARIA 1.2 combobox with a listbox
 * popup: typing `@` and letters asks `/sets/:id/mentions?q=` (only people who can see the set),
 * arrow keys move through the suggestions (aria-activedescendant keeps focus in the text),
 * Enter or Tab picks, Escape closes, and a live region says how many suggestions there are.
 *
 * A pick writes `@Name` into the text and adds the person's id to the form (`mentionIds`), so
 * the server can tell two people with the same name apart; it turns `@Name` into the stored
 * token. Without JavaScript, a typed `@Förnamn Efternamn` is still resolved by the server.
 */
export function MentionInput({
  id,
  name,
  label,
  hint,
  mentionsUrl,
  defaultValue,
  defaultMentionIds = [],
  errors,
  rows = 4,
}: {
  id: string;
  name: string;
  label: string;
  hint: string;
  mentionsUrl: string;
  defaultValue?: string;
  defaultMentionIds?: string[];
  errors?: string[];
  rows?: number;
}) {
  const t = useT();
  const listboxId = `${id}-mentions`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const optionPrefix = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [options, setOptions] = useState<MentionOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [query, setQuery] = useState<{ start: number; text: string } | null>(null);
  const [picked, setPicked] = useState<string[]>(defaultMentionIds);
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    if (!query) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`${mentionsUrl}?${new URLSearchParams({ q: query.text })}`, { signal: controller.signal })
        .then((response) => (response.ok ? response.json() : { people: [] }))
        .then((body: unknown) => {
          const people = isMentionOptions(body) ? body.people : [];
          setOptions(people);
          setActive(0);
          setOpen(true);
          setAnnouncement(
            people.length === 0 ? t("comments.mentionNone") : t("comments.mentionCount", { count: people.length }),
          );
        })
        .catch(() => {
          // Aborted by the next keystroke, or offline: the person can still type the name.
        });
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // t changes identity on every render; the language does not change while typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, mentionsUrl]);

  function close() {
    setOpen(false);
    setOptions([]);
    setQuery(null);
    setAnnouncement("");
  }

  function updateQuery() {
    const element = textarea.current;
    if (!element) return;
    const before = element.value.slice(0, element.selectionStart);
    const match = QUERY_BEFORE_CARET.exec(before);
    if (!match) {
      if (open || query) close();
      return;
    }
    const text = match[2] ?? "";
    setQuery({ start: before.length - text.length - 1, text });
  }

  function pick(option: MentionOption) {
    const element = textarea.current;
    if (!element || !query) return;
    const caret = element.selectionStart;
    const inserted = `@${option.name} `;
    element.value = element.value.slice(0, query.start) + inserted + element.value.slice(caret);
    const position = query.start + inserted.length;
    element.setSelectionRange(position, position);
    element.focus();
    setPicked((ids) => (ids.includes(option.id) ? ids : [...ids, option.id]));
    close();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!open) return;
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      return;
    }
    if (options.length === 0) return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((index) => (index + 1) % options.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((index) => (index - 1 + options.length) % options.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      const option = options[active];
      if (!option) return;
      event.preventDefault();
      pick(option);
    }
  }

  const expanded = open && options.length > 0;
  const describedBy = [hintId, errors && errors.length > 0 ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="field mention-field">
      <label htmlFor={id}>{label}</label>
      <p id={hintId} className="field-hint">
        {hint}
      </p>
      <textarea
        ref={textarea}
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listboxId}
        aria-activedescendant={expanded ? `${optionPrefix}-option-${active}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={errors && errors.length > 0 ? true : undefined}
        onInput={updateQuery}
        onClick={updateQuery}
        onKeyDown={onKeyDown}
        onKeyUp={(event) => {
          if (event.key === "ArrowLeft" || event.key === "ArrowRight" || event.key === "Home" || event.key === "End") {
            updateQuery();
          }
        }}
        onBlur={() => {
          // Leave time for a click on an option to land before the list goes away.
          setTimeout(() => setOpen(false), 150);
        }}
      />
      <ul
        id={listboxId}
        role="listbox"
        aria-label={t("comments.mentionList")}
        className="mention-options"
        hidden={!expanded}
      >
        {options.map((option, index) => (
          // Keyboard users pick with the arrows and Enter in the textarea (aria-activedescendant);
          // the mouse picks here, without taking focus from the text.
          // eslint-disable-next-line jsx-a11y/click-events-have-key-events
          <li
            key={option.id}
            id={`${optionPrefix}-option-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? "mention-option active" : "mention-option"}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(option)}
          >
            {option.name}
            {option.regionShortName ? <span className="muted"> ({option.regionShortName})</span> : null}
          </li>
        ))}
      </ul>
      <p className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </p>
      {picked.map((userId) => (
        <input key={userId} type="hidden" name="mentionIds" value={userId} />
      ))}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}
