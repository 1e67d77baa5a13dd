/**
 * The demo data's set and procurement titles: the seeds look their rows up by them, and the
 * browser tests find them on the page. Kept apart from the seed modules, which open the app's
 * database when imported, so that a browser test can name them without touching a database.
 */

export const SKANE_SET_TITLE = "Kravspecifikation vårdinformationssystem (VIS) – SDV";
export const SUSSA_SET_TITLE = "Sussa gemensam kravbild – informationssäkerhet och PDL";
export const THREE_R_SET_TITLE = "3R gemensam arkitektur – interoperabilitet och standarder";
export const STOCKHOLM_SET_TITLE = "Kompletterande moduler till huvudjournalsystemet – kravutkast";
export const HALLAND_REUSE_SET_TITLE = "Halland – tilläggsmoduler till vårdinformationsstödet, kravunderlag";

export const SKANE_MILLENNIUM_TITLE = "SDV – Sammanhållen digital vårdmiljö (Cerner/Oracle Millennium)";
export const SKANE_NEW_PROCUREMENT_TITLE = "SDV – ny upphandling av vårdinformationssystem";
export const VGR_FIRST_ROUND_TITLE = "FVM – kärnsystem, första upphandlingsomgången (konkurrenspräglad dialog)";
export const VGR_MILLENNIUM_TITLE = "FVM / program Millennium – Framtidens vårdinformationsmiljö";
export const STOCKHOLM_FVM_TITLE = "FVM – samlad vårdinformationsmiljö (SLL), 2018–2020";
export const STOCKHOLM_GENERATION_TITLE = "Generationsskifte Vårdens IT – nytt huvudjournalsystem";
export const STOCKHOLM_MODULES_TITLE = "Kompletterande moduler till huvudjournalsystemet";
export const THREE_R_TITLE = "3R – gemensam upphandling av vårdinformationssystem";
export const SUSSA_TITLE = "Sussa – gemensam upphandling av vårdinformationsstöd (Cambio Cosmic)";
