package org.bmsdk.api.capability;

import java.util.List;
import java.util.Objects;

/** One condition of a requirement, as parsed; {@link #toString()} is its canonical text. */
sealed interface Condition permits Condition.Comparison, Condition.HasTrait, Condition.Count {

    private static List<Value> checked(Op op, List<Value> values) {
        Objects.requireNonNull(op, "op");
        List<Value> copy = List.copyOf(values);
        if (copy.isEmpty() || op != Op.IN && copy.size() != 1) {
            throw new IllegalArgumentException(op.symbol() + " takes " + (op == Op.IN ? "at least one value" : "one value")
                    + ", but got " + copy);
        }
        return copy;
    }

    /**
     * A field compared with a value, or with a list of values for {@code in}.
     *
     * @param field what is compared
     * @param op how
     * @param values one value, or the list for {@code in}
     */
    record Comparison(Field field, Op op, List<Value> values) implements Condition {

        public Comparison {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            values = checked(op, values);
            if (op.ordering() && !field.kind().ordered()) {
                throw new IllegalArgumentException(field.text() + " cannot be compared with " + op.symbol());
            }
        }

        boolean test(Value actual) {
            return op.test(field.kind(), actual, values);
        }

        @Override
        public String toString() {
            return field.text() + " " + op.render(field.kind(), values);
        }
    }

    /**
     * A custom trait the machine must have, or must not.
     *
     * @param trait such as {@code CUSTOM_GPU_A100}, compared exactly
     * @param present false for {@code not trait}
     */
    record HasTrait(String trait, boolean present) implements Condition {

        public HasTrait {
            if (!Kind.isWord(trait)) {
                throw new IllegalArgumentException("trait must be a word such as CUSTOM_GPU_A100, but was '" + trait + "'");
            }
        }

        @Override
        public String toString() {
            return (present ? "" : "not ") + "trait " + trait;
        }
    }

    /**
     * How many disks or NICs satisfy all of {@code filter} (every device when it is empty),
     * compared with a number.
     *
     * @param scope {@code DISK} or {@code NIC}
     * @param filter conditions on fields of that scope
     * @param op how the count is compared
     * @param values one whole number, or the list for {@code in}
     */
    record Count(Field.Scope scope, List<Comparison> filter, Op op, List<Value> values) implements Condition {

        public Count {
            if (scope != Field.Scope.DISK && scope != Field.Scope.NIC) {
                throw new IllegalArgumentException("count() counts disks or NICs, not " + scope);
            }
            filter = List.copyOf(filter);
            for (Comparison c : filter) {
                if (c.field().scope() != scope) {
                    throw new IllegalArgumentException("count(" + scope.word() + ") cannot filter on " + c.field().text());
                }
            }
            values = checked(op, values);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("count(");
            if (filter.isEmpty()) {
                sb.append(scope.word());
            }
            for (int i = 0; i < filter.size(); i++) {
                sb.append(i == 0 ? "" : " and ").append(filter.get(i));
            }
            return sb.append(") ").append(op.render(Kind.COUNT, values)).toString();
        }
    }
}
