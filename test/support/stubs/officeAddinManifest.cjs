/*
 * office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose full module does
 * not load under Jest (it is ESM-only in parts); this stub gives the enum and nothing else.
 */
module.exports = {
  OfficeApp: {
    Excel: 'excel',
    OneNote: 'onenote',
    Outlook: 'outlook',
    PowerPoint: 'powerpoint',
    Project: 'project',
    Word: 'word',
  },
};
