/**
 * What users needs to know of families (issue 13): a family account belongs to a family of its
 * site. Families stand above users (a family names its coach), so users cannot ask their service:
 * it declares this port, and the families feature implements and provides it (`USER_FAMILIES`).
 */
export interface UserFamilies {
  /** The site of the family, or null when there is no such family. */
  siteOfFamily(familyId: string): Promise<string | null>;
}

/** The injection token of `UserFamilies`, provided by the families feature. */
export const USER_FAMILIES = 'UserFamilies';
