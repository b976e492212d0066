/**
 * Text widths for laying out charts without a canvas: the advance widths of DejaVu Sans (the
 * font the PNGs are drawn with), read from the font files of fonts-dejavu-core 2.37. Vega's own
 * fallback guesses 0.8 em per character, a third too wide, which pads legends and pushes
 * titles away from their plots.
 */

/** Characters with a known width, in the order of the tables below (ASCII 32-126, then a few symbols). */
const CHARACTERS = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~·◆≤−±×µ';

/** Advance widths in thousandths of an em, DejaVu Sans Book. */
const REGULAR = "318 401 460 838 636 950 780 275 390 390 500 838 318 361 318 337 636 636 636 636 636 636 636 636 636 636 337 337 838 838 838 531 1000 684 686 698 770 632 575 775 752 295 295 656 557 863 748 787 603 787 695 635 611 732 684 989 685 611 685 390 337 390 838 500 500 613 635 550 635 615 352 635 634 278 278 579 278 974 634 612 635 635 411 521 392 634 592 818 592 592 525 636 337 636 838 318 769 838 838 838 838 636";

/** Advance widths in thousandths of an em, DejaVu Sans Bold. */
const BOLD = "348 456 521 838 696 1002 872 306 457 457 523 838 380 415 380 365 696 696 696 696 696 696 696 696 696 696 400 400 838 838 838 580 1000 774 762 734 830 683 683 821 837 372 372 775 637 995 837 850 733 850 770 720 682 812 774 1103 771 724 725 457 365 457 838 500 500 675 716 593 716 678 435 716 712 343 343 665 343 1042 712 687 716 716 493 595 478 712 652 924 645 652 582 712 365 712 838 380 769 838 838 838 838 736";

/** Width of characters not in the tables: a full em, so text is never underestimated. */
const UNKNOWN_EM = 1;

const regularWidths = toMap(REGULAR);
const boldWidths = toMap(BOLD);

/**
 * The width of `text` in px at `fontSize` px, in DejaVu Sans (bold when asked).
 * @example textWidth("p99", 10) // 19.07
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const widths = bold ? boldWidths : regularWidths;
  let em = 0;
  for (const character of text) em += widths.get(character) ?? UNKNOWN_EM;
  return em * fontSize;
}

// --- internal ---

function toMap(table: string): Map<string, number> {
  const widths = table.split(" ").map((width) => Number(width) / 1000);
  return new Map([...CHARACTERS].map((character, index) => [character, widths[index]]));
}
