import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** [a b c d e f]: PDF's affine matrices, row-vector convention. */
type Matrix = [number, number, number, number, number, number];

export interface PlacedImage {
  /** pdf.js's object id for the decoded pixels; null for inline images and masks. */
  objId: string | null;
  pixelWidth: number;
  pixelHeight: number;
  /** Where the unit square lands in user space: the image's placement. */
  ctm: Matrix;
}

export interface PageSurvey {
  /** The image covering most of the page, if any. */
  largest: PlacedImage | null;
  /** Anything drawn besides that image and invisible text (a scanner's OCR layer). */
  otherMarks: boolean;
}

const identity: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, ctm: Matrix): Matrix {
  return [
    m[0] * ctm[0] + m[1] * ctm[2],
    m[0] * ctm[1] + m[1] * ctm[3],
    m[2] * ctm[0] + m[3] * ctm[2],
    m[2] * ctm[1] + m[3] * ctm[3],
    m[4] * ctm[0] + m[5] * ctm[2] + ctm[4],
    m[4] * ctm[1] + m[5] * ctm[3] + ctm[5],
  ];
}

/** Area in square points that an image drawn with this matrix covers. */
export function placedArea(ctm: Matrix): number {
  return Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]);
}

const textShowing = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
const alwaysMarking = new Set<number>([
  OPS.shadingFill,
  OPS.paintSolidColorImageMask,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintImageMaskXObjectGroup,
  OPS.paintInlineImageXObjectGroup,
  OPS.beginAnnotation,
  OPS.rawFillPath,
]);
/** Text rendering modes 3 and 7 paint nothing: the invisible layer searchable scans carry. */
const invisibleText = new Set([3, 7]);

/**
 * Follows the transformation matrix through a page's operator list to find where its images
 * land: a scanned page is one image covering the sheet, whose pixels per inch are the scan's
 * resolution; everything else (text, paths) is a born-digital mark.
 */
export function surveyPage(fnArray: number[], argsArray: unknown[][]): PageSurvey {
  const stack: { ctm: Matrix; textMode: number }[] = [];
  let state = { ctm: identity, textMode: 0 };
  const images: PlacedImage[] = [];
  let marks = 0;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] ?? [];
    switch (fn) {
      case OPS.save:
        stack.push(state);
        break;
      case OPS.restore:
        state = stack.pop() ?? state;
        break;
      case OPS.transform:
        state = { ...state, ctm: multiply(args as Matrix, state.ctm) };
        break;
      case OPS.paintFormXObjectBegin:
        stack.push(state);
        if (Array.isArray(args[0]) && args[0].length === 6) state = { ...state, ctm: multiply(args[0] as Matrix, state.ctm) };
        break;
      case OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OPS.setTextRenderingMode:
        state = { ...state, textMode: Number(args[0]) };
        break;
      case OPS.paintImageXObject:
        images.push({ objId: String(args[0]), pixelWidth: Number(args[1]), pixelHeight: Number(args[2]), ctm: state.ctm });
        break;
      case OPS.paintImageMaskXObject:
      case OPS.paintInlineImageXObject: {
        const image = args[0] as { width?: number; height?: number } | undefined;
        images.push({ objId: null, pixelWidth: Number(image?.width), pixelHeight: Number(image?.height), ctm: state.ctm });
        break;
      }
      case OPS.constructPath:
        // pdf.js folds the painting operator into the path; endPath only sets a clip.
        if (args[0] !== OPS.endPath) marks++;
        break;
      default:
        if (fn !== undefined && (alwaysMarking.has(fn) || (textShowing.has(fn) && !invisibleText.has(state.textMode)))) marks++;
    }
  }
  images.sort((a, b) => placedArea(b.ctm) - placedArea(a.ctm));
  return { largest: images[0] ?? null, otherMarks: marks > 0 || images.length > 1 };
}
