package org.healthwallet.core.records;

import static org.healthwallet.core.records.SensitiveCategory.MENTAL_HEALTH;
import static org.healthwallet.core.records.SensitiveCategory.SEXUAL_AND_REPRODUCTIVE_HEALTH;
import static org.healthwallet.core.records.SensitiveCategory.SUBSTANCE_USE;
import static org.healthwallet.core.records.SensitiveCategory.VIOLENCE_AND_ABUSE;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The text fallback of {@link SensitiveCategories}: English words in a concept's text or display,
 * used only where its codes did not decide. Each pattern is narrow on purpose (whole words,
 * "respiratory depression" is not depression, "drug abuse" is substance use, not violence); the
 * false positives that remain are listed in wallet-core/docs/sensitive-categories.md.
 */
final class SensitiveTerms {
    private SensitiveTerms() {}

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    static final Map<SensitiveCategory, Pattern> PATTERNS = Map.of(
            SEXUAL_AND_REPRODUCTIVE_HEALTH, Pattern.compile(String.join("|",
                    "\\bpregnan", "\\bprenatal\\b", "\\bpostnatal\\b", "\\bpost-?partum\\b", "\\bantepartum\\b",
                    "\\bfetal\\b", "\\bfetus", "\\bmiscarriage", "\\babortion", "contracept", "intrauterine device",
                    "\\bIUD\\b", "tubal ligation", "\\bvasectomy", "\\bchlamydia", "\\bgonorrh", "\\bgonococ",
                    "\\bsyphilis", "\\btreponema", "\\bHIV\\b", "human immunodeficiency virus", "genital herpes",
                    "herpes genitalis", "sexually transmitted", "\\binfertility", "in vitro fertili",
                    "chorionic gonadotropin", "choriogonadotropin",
                    // contraceptive medicines by ingredient and by the brand names Synthea prescribes
                    "levonorgestrel", "norethindrone", "norgestimate", "drospirenone", "desogestrel",
                    "etonogestrel", "ethinyl ?estradiol", "mestranol", "\\bulipristal", "depo-provera",
                    "\\b(camila|errin|jolivette|norinyl|estrostep|trinessa|seasonique|yaz|natazia|levora|mirena"
                            + "|liletta|kyleena|skyla|paragard|nexplanon|implanon|nuvaring|xulane)\\b",
                    "ortho tri-cyclen", "ortho evra"), FLAGS),
            MENTAL_HEALTH, Pattern.compile(String.join("|",
                    "(?<!respiratory )\\bdepressi(on|ve)\\b(?! of)", "\\banxiety\\b", "\\bpanic\\b",
                    "post-?traumatic stress", "\\bPTSD\\b", "\\bschizo", "\\bbipolar\\b", "\\bpsychos[ie]s\\b",
                    "\\bpsychotic\\b", "\\bpsychiatr", "\\bpsychotherap", "\\bsuicid", "\\bself[- ]harm",
                    "eating disorder", "anorexia nervosa", "\\bbulimi", "attention deficit", "\\bADHD\\b",
                    "\\bPHQ-?[29]\\b", "\\bGAD-?7\\b", "mental health", "\\bpsycholog",
                    // psychiatric medicines by ingredient
                    "\\b(sertraline|fluoxetine|citalopram|escitalopram|paroxetine|fluvoxamine|venlafaxine"
                            + "|desvenlafaxine|duloxetine|mirtazapine|vortioxetine|vilazodone|bupropion|lithium"
                            + "|quetiapine|olanzapine|risperidone|aripiprazole|ziprasidone|lurasidone|haloperidol"
                            + "|clozapine|paliperidone|methylphenidate|amphetamine|dextroamphetamine"
                            + "|lisdexamfetamine|atomoxetine|buspirone|alprazolam)\\b"), FLAGS),
            SUBSTANCE_USE, Pattern.compile(String.join("|",
                    "\\balcohol(ic)? (use|abuse|dependence|misuse|withdrawal)", "\\balcoholism",
                    "\\bAUDIT(-C)?\\b", "\\b(drug|substance|opioid|cocaine|cannabis|heroin) (use|abuse|misuse"
                            + "|addiction|dependence)", "misuses drugs", "\\bDAST(-10)?\\b", "\\boverdose",
                    "\\b(buprenorphine|naltrexone|methadone|disulfiram|acamprosate)\\b"), FLAGS),
            VIOLENCE_AND_ABUSE, Pattern.compile(String.join("|",
                    "(?<!drug |alcohol |substance |opioid )\\babuse\\b", "\\bviolence\\b",
                    "\\bassault", "\\brape\\b", "\\bmaltreat", "child neglect", "intimate partner",
                    "\\bHARK\\b", "hurt, insult, threaten", "afraid of (your )?partner"), FLAGS));

    /** Every category whose words appear in the text. */
    static Set<SensitiveCategory> in(String text) {
        Set<SensitiveCategory> found = EnumSet.noneOf(SensitiveCategory.class);
        if (text == null || text.isBlank()) {
            return found;
        }
        PATTERNS.forEach((category, pattern) -> {
            if (pattern.matcher(text).find()) {
                found.add(category);
            }
        });
        return found;
    }
}
