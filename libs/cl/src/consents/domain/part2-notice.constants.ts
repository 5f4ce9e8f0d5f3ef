/**
 * The notice that must accompany each disclosure of a Part 2 record (42 CFR §2.32(a)(2), the short form the
 * rule allows). Reads of Part 2 records carry it, and their audit rows say that it applied.
 */
export const PART2_NOTICE = '42 CFR part 2 prohibits unauthorized use or disclosure of these records.';
