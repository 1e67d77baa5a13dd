import { isLanguage, makeTranslator, type Language, type Translator } from "./i18n";

export const LANGUAGE_COOKIE = "samkrav_lang";

/** The language of a request: the cookie set by the header switch, then the user's saved choice, then Swedish. */
export function getLanguage(request: Request, userLocale?: Language | null): Language {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [key, value] = part.trim().split("=");
    if (key === LANGUAGE_COOKIE && isLanguage(value)) return value;
  }
  return userLocale ?? "sv";
}

export function getTranslator(request: Request, userLocale?: Language | null): Translator {
  return makeTranslator(getLanguage(request, userLocale));
}

export function serializeLanguageCookie(language: Language): string {
  return `${LANGUAGE_COOKIE}=${language}; Path=/; SameSite=Lax; Max-Age=${60 * 60 * 24 * 365}`;
}
