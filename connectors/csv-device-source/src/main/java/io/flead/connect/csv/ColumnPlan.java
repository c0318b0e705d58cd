package io.flead.connect.csv;

import java.util.HashSet;
import java.util.Set;

/** The role of every column of one file's header. */
public final class ColumnPlan {

    /** What a column becomes in the record value. */
    public enum Role { TIME, LABEL, ATTACK_TYPE, DEVICE_ID, STRING, NUMBER }

    private final String[] names;
    private final Role[] roles;
    private final int[] featureSlots;
    private final FeatureNames featureNames;
    private final int stringCount;

    private ColumnPlan(String[] names, Role[] roles) {
        this.names = names;
        this.roles = roles;
        this.featureSlots = new int[roles.length];
        java.util.List<String> features = new java.util.ArrayList<>();
        int strings = 0;
        for (int i = 0; i < roles.length; i++) {
            featureSlots[i] = roles[i] == Role.NUMBER ? features.size() : -1;
            if (roles[i] == Role.NUMBER) {
                features.add(names[i]);
            }
            strings += roles[i] == Role.STRING ? 1 : 0;
        }
        this.featureNames = new FeatureNames(features.toArray(String[]::new));
        this.stringCount = strings;
    }

    /** The plan of {@code header} under {@code options}. */
    public static ColumnPlan of(String[] header, CsvOptions options) {
        Set<String> strings = new HashSet<>(options.stringColumns());
        Role[] roles = new Role[header.length];
        for (int i = 0; i < header.length; i++) {
            roles[i] = roleOf(header[i], options, strings);
        }
        return new ColumnPlan(header.clone(), roles);
    }

    private static Role roleOf(String name, CsvOptions o, Set<String> strings) {
        if (name.equals(o.timeColumn())) {
            return Role.TIME;
        }
        if (name.equals(o.labelColumn())) {
            return Role.LABEL;
        }
        if (name.equals(o.attackTypeColumn())) {
            return Role.ATTACK_TYPE;
        }
        if (name.equals(o.deviceIdColumn())) {
            return Role.DEVICE_ID;
        }
        return strings.contains(name) ? Role.STRING : Role.NUMBER;
    }

    /** Index of the first column with {@code role}, or -1. */
    public int indexOf(Role role) {
        for (int i = 0; i < roles.length; i++) {
            if (roles[i] == role) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first column whose name an earlier column already has, or -1 when every name is distinct. */
    public int firstRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.length; i++) {
            if (!seen.add(names[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first column named {@code name}, or -1. */
    public int indexOf(String name) {
        return java.util.Arrays.asList(names).indexOf(name);
    }

    public int size() { return names.length; }
    public String name(int i) { return names[i]; }
    public Role role(int i) { return roles[i]; }
    public int numberCount() { return featureNames.size(); }
    /** The feature slot of numeric column {@code i}. */
    public int featureSlot(int i) { return featureSlots[i]; }
    /** The shared names of this header's features. */
    public FeatureNames featureNames() { return featureNames; }
    public int stringCount() { return stringCount; }
}
