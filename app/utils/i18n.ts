import { useRouteLoaderData } from "@remix-run/react";

import { en } from "~/i18n/en";
import { sv, type MessageKey } from "~/i18n/sv";

export type Language = "sv" | "en";
export const LANGUAGES: readonly Language[] = ["sv", "en"];
export type { MessageKey };

const dictionaries: Record<Language, Record<MessageKey, string>> = { sv, en };
const locales: Record<Language, string> = { sv: "sv-SE", en: "en-GB" };

// Intl formatters are costly to build and free to reuse: one of each per language. Times are
// Swedish time on the server and in every browser alike (otherwise hydration would mismatch).
const timeZone = "Europe/Stockholm";
const numberFormats: Record<Language, Intl.NumberFormat> = {
  sv: new Intl.NumberFormat(locales.sv),
  en: new Intl.NumberFormat(locales.en),
};
const dateTimeFormats: Record<Language, Intl.DateTimeFormat> = {
  sv: new Intl.DateTimeFormat(locales.sv, { dateStyle: "medium", timeStyle: "short", timeZone }),
  en: new Intl.DateTimeFormat(locales.en, { dateStyle: "medium", timeStyle: "short", timeZone }),
};
const dateFormats: Record<Language, Intl.DateTimeFormat> = {
  sv: new Intl.DateTimeFormat(locales.sv, { dateStyle: "medium", timeZone }),
  en: new Intl.DateTimeFormat(locales.en, { dateStyle: "medium", timeZone }),
};

export function isLanguage(value: unknown): value is Language {
  return value === "sv" || value === "en";
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.prototype.hasOwnProperty.call(sv, value);
}

export type MessageParams = Record<string, string | number>;

/** Looks a key up and fills `{name}` placeholders; numbers are formatted for the language. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = dictionaries[language][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? numberFormats[language].format(value) : value;
  });
}

export function formatDateTime(language: Language, value: Date | string): string {
  return dateTimeFormats[language].format(new Date(value));
}

export function formatDate(language: Language, value: Date | string): string {
  return dateFormats[language].format(new Date(value));
}

type RootLanguageData = { language: Language };

export function useLanguage(): Language {
  const rootData = useRouteLoaderData<RootLanguageData>("root");
  return rootData?.language ?? "sv";
}

export type Translator = {
  (key: MessageKey, params?: MessageParams): string;
  language: Language;
  dateTime: (value: Date | string) => string;
  date: (value: Date | string) => string;
  /** Translates a validation message that arrives as a key, and shows anything else as it is. */
  message: (value: string) => string;
};

export function makeTranslator(language: Language): Translator {
  const t = ((key: MessageKey, params?: MessageParams) => translate(language, key, params)) as Translator;
  t.language = language;
  t.dateTime = (value) => formatDateTime(language, value);
  t.date = (value) => formatDate(language, value);
  t.message = (value) => (isMessageKey(value) ? translate(language, value) : value);
  return t;
}

export function useT(): Translator {
  return makeTranslator(useLanguage());
}
