package org.bmsdk.api.capability;

import java.util.List;

/** A comparison operator. */
enum Op {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IN("in");

    private final String symbol;

    Op(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    boolean ordering() {
        return this == LT || this == LE || this == GT || this == GE;
    }

    /** @return the operator written as {@code symbol}, case ignored, or null */
    static Op of(String symbol) {
        for (Op op : values()) {
            if (op.symbol.equalsIgnoreCase(symbol)) {
                return op;
            }
        }
        return null;
    }

    /** Whether {@code actual} stands in this relation to the wanted values (one, or the list of {@code in}). */
    boolean test(Kind kind, Value actual, List<Value> wanted) {
        switch (this) {
            case EQ:
                return kind.same(actual, wanted.get(0));
            case NE:
                return !kind.same(actual, wanted.get(0));
            case IN:
                return wanted.stream().anyMatch(w -> kind.same(actual, w));
            case LT:
                return kind.compare(actual, wanted.get(0)) < 0;
            case LE:
                return kind.compare(actual, wanted.get(0)) <= 0;
            case GT:
                return kind.compare(actual, wanted.get(0)) > 0;
            case GE:
                return kind.compare(actual, wanted.get(0)) >= 0;
            default:
                throw new IllegalStateException("unknown operator " + this);
        }
    }

    String render(Kind kind, List<Value> wanted) {
        if (this != IN) {
            return symbol + " " + kind.render(wanted.get(0));
        }
        StringBuilder sb = new StringBuilder("in (");
        for (int i = 0; i < wanted.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(kind.render(wanted.get(i)));
        }
        return sb.append(')').toString();
    }
}
