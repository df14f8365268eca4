package dev.portico.compose;

import java.util.List;

/**
 * One part of a composed route (SPEC §9).
 *
 * @param name     its name, in {@code errors[]} and in {@code after} lists
 * @param call     the backend call that gives its value
 * @param required whether the route fails without it (else: 200, {@code errors[]}, {@code Portico-Complete: false})
 * @param into     the member of the body its value goes under; the root (members merged) when empty
 * @param after    the parts it waits for
 * @param collect  for a dependent batch call: the values, in the body built so far, it is called with
 *                 ({@code {collected}}, deduplicated); null for an ordinary part
 * @param match    for a collecting part: the member of each result element that equals a collected value;
 *                 the element is then put, under {@code into}, beside each value it matches
 */
public record Part(String name, Call call, boolean required, FieldPath into, List<String> after, FieldPath collect,
        String match) {

    public Part {
        after = List.copyOf(after);
    }

    public boolean collecting() {
        return collect != null;
    }
}
