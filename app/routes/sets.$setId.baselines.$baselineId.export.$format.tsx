/** A baseline's export file: the same download as the working copy's, with the baseline from the path. */
export { loader } from "./sets.$setId.export.$format";
