// The codebook alone as a REFI-QDA codebook file (.qdc, namespace urn:QDA-XML:codebook:1.0): a
// team can load the same codes into NVivo, ATLAS.ti, MAXQDA or QualCoder before coding by hand.
// The code GUIDs are the ones the .qdpx project uses, so both files describe the same codes.
import { type Codebook, loadCodebook } from '../codebook.js';
import { type ExportTarget, writePieces } from './output.js';
import { CODEBOOK_NAMESPACE, attrs, codesXml, scrcodeOrigin } from './refiQda.js';

/** Writes the .qdc; resolves to the number of codes in it (the two group codes not counted). */
export async function exportQdc(out: ExportTarget, codebook: Codebook = loadCodebook()): Promise<number> {
  await writePieces(out, [qdcXml(codebook)]);
  return codebook.codes.length;
}

export function qdcXml(codebook: Codebook): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<CodeBook${attrs({ xmlns: CODEBOOK_NAMESPACE, origin: scrcodeOrigin() })}>`,
    codesXml(codebook, '  '),
    '</CodeBook>',
    '',
  ].join('\n');
}
