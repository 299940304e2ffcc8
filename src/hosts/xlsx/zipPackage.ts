/**
 * The zip layer of the package host. Reading goes through yauzl (central directory, ZIP64, and each
 * entry either inflated or as its raw compressed bytes, so parts the add-in does not change are
 * copied through without inflating them). Writing is done here (APPNOTE 6.3.x §4.3): entries copied
 * raw with their CRC and sizes, small parts deflated in memory, and one part deflated as a stream
 * with a data descriptor; ZIP64 records where sizes, offsets or the entry count need them.
 *
 * @packageDocumentation
 */
export { ZipIntegrityError, ZipReader, type ZipEntry } from './zipReader';
export { ZipWriter } from './zipWriter';
