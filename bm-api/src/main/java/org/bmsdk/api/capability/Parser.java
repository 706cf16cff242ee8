package org.bmsdk.api.capability;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.bmsdk.api.model.Cpu;

/**
 * A recursive-descent parser for the grammar documented on {@link Requirements}. It fails only with
 * {@link RequirementSyntaxException}, pointing at the first token that cannot continue the text.
 */
final class Parser {

    /** Longer numbers cannot fit a long anyway; the cap keeps a hostile input from costing big-number arithmetic. */
    private static final int MAX_DIGITS = 40;
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final String input;
    private final List<Token> tokens;
    private int index;

    private Parser(String input) {
        this.input = input;
        this.tokens = Lexer.tokenize(input);
    }

    static List<Condition> parse(String input) {
        return new Parser(input).requirements();
    }

    private List<Condition> requirements() {
        List<Condition> conditions = new ArrayList<>();
        if (peek().is(Token.Type.END)) {
            return conditions;
        }
        while (true) {
            conditions.add(condition());
            Token t = next();
            if (t.is(Token.Type.END)) {
                return conditions;
            }
            if (!t.isWord("and")) {
                throw error(t, "expected 'and' or the end of the requirements");
            }
        }
    }

    private Condition condition() {
        Token t = next();
        if (t.isWord("trait")) {
            return new Condition.HasTrait(traitName(), true);
        }
        if (t.isWord("not")) {
            Token k = next();
            if (!k.isWord("trait")) {
                throw error(k, "expected 'trait' after 'not' (only a trait can be negated)");
            }
            return new Condition.HasTrait(traitName(), false);
        }
        if (t.isWord("count")) {
            return count();
        }
        if (!t.is(Token.Type.WORD)) {
            throw error(t, "expected a condition such as cpu.cores >= 32, trait CUSTOM_GPU_A100 or count(disk.media == NVMe) >= 2");
        }
        Field field = Field.named(t.text());
        if (field == null) {
            throw error(t, "unknown field; expected one of " + Field.known() + ", or trait NAME, not trait NAME, count(...)");
        }
        return comparison(field);
    }

    private String traitName() {
        Token t = next();
        if (!t.is(Token.Type.WORD)) {
            throw error(t, "expected a trait name such as CUSTOM_GPU_A100");
        }
        return t.text();
    }

    private Condition count() {
        expect(Token.Type.OPEN, "expected '(' after count");
        Field.Scope scope = null;
        List<Condition.Comparison> filter = new ArrayList<>();
        Token first = peek();
        if ((first.isWord("disk") || first.isWord("nic")) && tokens.get(Math.min(index + 1, tokens.size() - 1)).is(Token.Type.CLOSE)) {
            scope = first.isWord("disk") ? Field.Scope.DISK : Field.Scope.NIC;
            index++;
        } else {
            while (true) {
                Token t = next();
                Field field = t.is(Token.Type.WORD) ? Field.named(t.text()) : null;
                if (field == null || field.scope() != Field.Scope.DISK && field.scope() != Field.Scope.NIC) {
                    throw error(t, "expected disk, nic, or conditions on disk.* or nic.* fields such as disk.media == NVMe");
                }
                if (scope != null && field.scope() != scope) {
                    throw error(t, "count() counts one kind of device; expected a " + scope.word() + ".* field");
                }
                scope = field.scope();
                filter.add(comparison(field));
                if (!peek().isWord("and")) {
                    break;
                }
                next();
            }
        }
        expect(Token.Type.CLOSE, "expected 'and' or ')' to close count(");
        Op op = operator(Kind.COUNT, "count(...)");
        return new Condition.Count(scope, filter, op, values(Kind.COUNT, op));
    }

    private Condition.Comparison comparison(Field field) {
        Op op = operator(field.kind(), field.text());
        return new Condition.Comparison(field, op, values(field.kind(), op));
    }

    private Op operator(Kind kind, String subject) {
        Token t = next();
        Op op = t.is(Token.Type.OPERATOR) || t.isWord("in") ? Op.of(t.text()) : null;
        if (op == null) {
            throw error(t, "expected an operator (==, !=, <, <=, >, >=, in) after " + subject);
        }
        if (op.ordering() && !kind.ordered()) {
            throw error(t, subject + " can only be compared with ==, != or in");
        }
        return op;
    }

    private List<Value> values(Kind kind, Op op) {
        if (op != Op.IN) {
            return List.of(value(kind));
        }
        expect(Token.Type.OPEN, "expected '(' after in");
        List<Value> values = new ArrayList<>();
        while (true) {
            values.add(value(kind));
            Token t = next();
            if (t.is(Token.Type.CLOSE)) {
                return values;
            }
            if (!t.is(Token.Type.COMMA)) {
                throw error(t, "expected ',' or ')' in the list of in (...)");
            }
        }
    }

    private Value value(Kind kind) {
        Token t = next();
        switch (kind) {
            case COUNT:
                return Value.of(amount(t, kind, 1));
            case SIZE:
            case SPEED:
                return Value.of(quantity(t, kind));
            case BOOL:
            case DISK_MEDIA:
            case DISK_PROTOCOL:
            case LINK_TYPE:
                String choice = t.is(Token.Type.WORD) || t.is(Token.Type.QUOTED) ? kind.choice(t.text()) : null;
                if (choice == null) {
                    throw error(t, "expected " + kind.describe());
                }
                return Value.of(choice);
            case ARCH:
                String arch = isPunctuation(t) ? "" : Cpu.normaliseArch(t.text());
                if (arch.isEmpty()) {
                    throw error(t, "expected " + kind.describe());
                }
                return Value.of(arch);
            default:
                if (isPunctuation(t)) {
                    throw error(t, "expected " + kind.describe());
                }
                return Value.of(t.text());
        }
    }

    /** True for brackets, commas, operators and the end, which can never be a value. */
    private static boolean isPunctuation(Token t) {
        return !t.is(Token.Type.WORD) && !t.is(Token.Type.QUOTED) && !t.is(Token.Type.NUMBER);
    }

    /**
     * Reads a size or speed. The unit may follow the number directly ({@code 256GiB}) or after
     * spaces ({@code 256 GiB}); only a speed may go without one.
     */
    private long quantity(Token t, Kind kind) {
        if (!t.is(Token.Type.NUMBER)) {
            throw error(t, "expected " + kind.describe());
        }
        String digits = digits(t.text());
        String unit = t.text().substring(digits.length());
        int unitPosition = t.position() + digits.length();
        if (unit.isEmpty() && peek().is(Token.Type.WORD) && scaleOf(kind, peek().text()) != 0) {
            Token u = next();
            unit = u.text();
            unitPosition = u.position();
        }
        long scale = scaleOf(kind, unit);
        if (scale == 0 && !(kind == Kind.SPEED && unit.isEmpty())) {
            String units = kind == Kind.SIZE ? Units.SIZE_UNITS : Units.SPEED_UNITS;
            if (unit.isEmpty()) {
                throw error(peek(), "expected a unit (" + units + ") after " + digits);
            }
            throw RequirementSyntaxException.at(input, unitPosition, unit, "expected a unit (" + units + ") after " + digits);
        }
        return amount(t, kind, Math.max(scale, 1));
    }

    private static long scaleOf(Kind kind, String unit) {
        return kind == Kind.SIZE ? Units.sizeUnit(unit) : Units.speedUnit(unit);
    }

    private long amount(Token t, Kind kind, long scale) {
        String digits = t.is(Token.Type.NUMBER) ? digits(t.text()) : "";
        if (digits.isEmpty() || kind == Kind.COUNT && !digits.equals(t.text())) {
            throw error(t, "expected " + kind.describe());
        }
        if (kind == Kind.COUNT && digits.indexOf('.') >= 0) {
            throw error(t, "expected a whole number");
        }
        if (digits.length() > MAX_DIGITS) {
            throw error(t, "number too long");
        }
        String unit = kind == Kind.SIZE ? " bytes" : kind == Kind.SPEED ? " Mb/s" : "";
        BigDecimal v = new BigDecimal(digits).multiply(BigDecimal.valueOf(scale)).stripTrailingZeros();
        if (v.scale() > 0) {
            throw error(t, "expected a whole number" + (unit.isEmpty() ? "" : " of" + unit));
        }
        if (v.compareTo(LONG_MAX) > 0) {
            throw error(t, "too large: at most " + Long.MAX_VALUE + unit);
        }
        return v.longValueExact();
    }

    private static String digits(String number) {
        int i = 0;
        while (i < number.length() && (number.charAt(i) >= '0' && number.charAt(i) <= '9' || number.charAt(i) == '.')) {
            i++;
        }
        return number.substring(0, i);
    }

    private void expect(Token.Type type, String reason) {
        Token t = next();
        if (!t.is(type)) {
            throw error(t, reason);
        }
    }

    private Token peek() {
        return tokens.get(index);
    }

    /** Never moves past the end token, so a parser that asks for more keeps seeing the end. */
    private Token next() {
        Token t = tokens.get(index);
        if (index < tokens.size() - 1) {
            index++;
        }
        return t;
    }

    private RequirementSyntaxException error(Token t, String reason) {
        return RequirementSyntaxException.at(input, t, reason);
    }
}
