package org.healthwallet.core.records;

/**
 * The kinds of record a person may want kept from others: from a child's 12th birthday the parent
 * no longer sees them (docs/caregivers.md), and a share leaves them out unless the patient ticks
 * them one by one. {@link SensitiveCategories} decides which a record belongs to; the codes and why
 * are in wallet-core/docs/sensitive-categories.md.
 */
public enum SensitiveCategory {
    /** Pregnancy, contraception, sexually transmitted infections and HIV, sexual health. */
    SEXUAL_AND_REPRODUCTIVE_HEALTH,
    /** Mental and behavioural disorders, their screenings (PHQ-2/9, GAD-7), psychiatric care and medicines. */
    MENTAL_HEALTH,
    /** Alcohol and drug use disorders, their screenings (AUDIT-C, DAST-10) and treatment. Not tobacco. */
    SUBSTANCE_USE,
    /** Intimate partner and domestic violence, abuse and neglect, assault, and their screenings (HARK). */
    VIOLENCE_AND_ABUSE
}
