/*
 * The QD.* worksheet functions, the bundle's entry: one module per family, each function's TSDoc
 * its metadata (sources.json lists the family files for the metadata generator, which adds each
 * file's CustomFunctions.associate calls at build). Every value argument may be a cell or a range:
 * ranges of one shape compute element by element and spill; a single value broadcasts; one call
 * over 5,000 rows is how a sheet grades thousands of channels. The functions are pure, call no
 * Excel API and run in the JavaScript-only custom-functions runtime.
 */
import "./es2016Runtime";
export * from "./measures";
export * from "./classification";
export * from "./resources";
export * from "./windows";
export * from "./economics";
export * from "./checks";
