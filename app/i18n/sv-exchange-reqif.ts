/** Swedish strings of the reqif exchange format; spread into `sv.ts`. `en-exchange-reqif.ts` must have the same keys. */
export const svExchangeReqif = {
  "exchange.reqif.issue.unknownObligation": "Värdet motsvarar varken ska-krav eller bör-krav.",
  "exchange.reqif.issue.unknownType": "Värdet motsvarar ingen av kravtyperna i Samkrav.",
  "exchange.reqif.issue.unknownArea": "Värdet motsvarar inget av kravområdena i Samkrav.",
  "exchange.reqif.issue.unknownVerification": "Värdet motsvarar ingen av verifieringsmetoderna i Samkrav.",
  "exchange.reqif.issue.unknownAmbition": "Värdet motsvarar ingen av ambitionsnivåerna i Samkrav.",
  "exchange.reqif.issue.severalValues": "Attributet har flera värden, men fältet tar bara ett.",
  "exchange.reqif.issue.notANumber": "Värdet är inte ett tal.",
  "exchange.reqif.issue.sharedObject":
    "Objektet förekommer flera gånger i specifikationen. Det importeras bara där det förekommer första gången.",
  "exchange.reqif.issue.missingObject": "Specifikationen hänvisar till ett objekt som saknas i filen.",
  "exchange.reqif.issue.mediaRemoved":
    "Texten innehöll bilder eller inbäddade objekt. De kan inte importeras och har tagits bort.",

  "exchange.reqif.target.sectionTitle": "Avsnittsrubrik",
  "exchange.reqif.target.linkedStandards": "Länkade standarder",
  "exchange.reqif.target.keep": "Behåll som importerat attribut",
  "exchange.reqif.target.ignore": "Importera inte",

  "exchange.reqif.kind.string": "Text",
  "exchange.reqif.kind.xhtml": "Formaterad text",
  "exchange.reqif.kind.enumeration": "Värdelista",
  "exchange.reqif.kind.integer": "Heltal",
  "exchange.reqif.kind.real": "Decimaltal",
  "exchange.reqif.kind.boolean": "Ja/nej",
  "exchange.reqif.kind.date": "Datum",

  "exchange.reqif.type.requirement": "Krav",
  "exchange.reqif.type.section": "Avsnitt",
  "exchange.reqif.type.specification": "Kravsamling",
  "exchange.reqif.attribute.chapterName": "Avsnittets rubrik",
  "exchange.reqif.attribute.description": "Kravsamlingens beskrivning",
  "exchange.reqif.attribute.textSource":
    "Kravtexten exakt som den är skriven i Samkrav (markdown). Används när filen importeras tillbaka till Samkrav.",
  "exchange.reqif.attribute.version": "Kravets versionsnummer i Samkrav",
  "exchange.reqif.attribute.linkedStandards": "Standarder som kravet är kopplat till",
  "exchange.reqif.attribute.source": "Kravets ursprung",
  "exchange.reqif.attribute.imported": "Attribut som kravet fick när det importerades till Samkrav från en annan fil",
};
