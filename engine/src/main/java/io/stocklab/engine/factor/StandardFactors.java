package io.stocklab.engine.factor;

import java.util.ArrayList;
import java.util.List;

/** The standard factor catalogue. (Being filled in: see the factor library work.) */
final class StandardFactors {
    private StandardFactors() {
    }

    static List<Factor> all() {
        List<Factor> list = new ArrayList<>();
        return list;
    }
}
