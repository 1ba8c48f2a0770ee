package org.armstrace.common;

/** What the dataset is called, who makes it and under which licence: the same in every place that says it. */
public final class DatasetIdentity {

    public static final String TITLE = "ArmsTrace: cases of 3D-printed firearms and online arms trafficking";
    public static final String AUTHOR = "ArmsTrace curators";
    public static final String LICENSE = "https://creativecommons.org/licenses/by/4.0/";
    public static final String DESCRIPTION = "A curated, sourced dataset of publicly reported cases about 3D-printed "
            + "firearms and online arms trafficking: seizures, arrests, dismantled networks, convictions, attacks, laws, "
            + "court rulings, research and official statistics. Case metadata only; people by role and age; places at "
            + "city level at most.";

    private DatasetIdentity() {}

    /** The {@code Link} header of an answer that can be cited: where to cite it from, and the licence. */
    public static String citeAsAndLicense(String citeAs) {
        return "<" + citeAs + ">; rel=\"cite-as\", <" + LICENSE + ">; rel=\"license\"";
    }
}
