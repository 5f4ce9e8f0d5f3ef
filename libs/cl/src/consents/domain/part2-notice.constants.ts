import { PART2_REDISCLOSURE_NOTICE } from '@cairn/platform/clinical';

/**
 * The notice that must accompany each disclosure of a Part 2 record (42 CFR §2.32(a)(2), the short form the
 * rule allows). Reads of Part 2 records carry it, and their audit rows say that it applied. One text for every
 * context: @cairn/platform/clinical holds it (PM's charges of Part 2 charts carry it too).
 */
export const PART2_NOTICE = PART2_REDISCLOSURE_NOTICE;
