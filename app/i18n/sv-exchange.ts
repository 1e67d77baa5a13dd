/** Swedish strings of import and export (the shared parts); spread into `sv.ts`. `en-exchange.ts` must have the same keys. */
export const svExchange = {
  "exchange.sourceFromSet": "Kopierat från {set}, {ref} version {version}",
  "exchange.sourceFromLibrary": "Kopierat från biblioteket, {ref} version {version}",
  "exchange.audit.exported": "Exporterade kravuppsättning",
  "exchange.audit.imported": "Importerade till kravuppsättning",
  "exchange.issue.duplicateRef": "Samma kravnummer finns redan på rad {row}.",
  "exchange.issue.duplicateId": "Samma UUID finns redan på rad {row}.",
  "exchange.issue.unstorableCharacters": "Texten innehåller tecken som inte kan sparas (NUL-tecken eller trasig Unicode).",
  "exchange.issue.sectionTooDeep": "Avsnittet ligger djupare än {max} nivåer.",
  "exchange.issue.sectionTitleInvalid": "Avsnittets namn måste ha 1–200 tecken.",
  "exchange.issue.sameRequirementTwice": "Raden avser samma krav i uppsättningen som rad {row}.",
  "exchange.issue.refTakenInSet": "Kravnumret används redan av ett annat krav i uppsättningen som filen inte tar upp.",

  "exchange.fileError.tooLarge": "Filen är för stor. Största tillåtna storlek är {limit}.",
  "exchange.fileError.wrongType": "Filen är inte av den typ som namnet eller det valda formatet anger.",
  "exchange.fileError.brokenZip": "Filen är skadad och kan inte packas upp.",
  "exchange.fileError.zipBomb": "Filen skulle packas upp till orimligt mycket data och avvisas.",
  "exchange.fileError.xmlDoctype":
    "Filen innehåller en DOCTYPE-deklaration (entiteter). Sådana filer läses inte av säkerhetsskäl.",
  "exchange.fileError.brokenXml": "Filen är inte giltig XML.",
  "exchange.fileError.empty": "Filen innehåller inga rader att importera.",
  "exchange.fileError.tooManyRows": "Filen har fler än {limit} rader. Dela upp den i flera importer.",
  "exchange.fileError.notSamkravJson": "Filen är inte en JSON-export från Samkrav.",
  "exchange.fileError.unsupportedVersion":
    "Filen har formatversion {version}, som den här installationen av Samkrav inte kan läsa.",
  "exchange.fileError.notReqif": "Filen är inte en ReqIF-fil med någon specifikation.",
  "exchange.fileError.encoding": "Filens teckenkodning kunde inte läsas. Spara den som UTF-8.",
};
