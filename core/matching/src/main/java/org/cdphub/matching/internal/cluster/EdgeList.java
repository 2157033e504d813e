package org.cdphub.matching.internal.cluster;

import java.util.Arrays;

/** Scored pairs in growable primitive arrays. */
public final class EdgeList {
    private int[] a = new int[1024];
    private int[] b = new int[1024];
    private float[] score = new float[1024];
    private int size;

    public void add(int x, int y, double s) {
        if (size == a.length) {
            int cap = size * 2;
            a = Arrays.copyOf(a, cap);
            b = Arrays.copyOf(b, cap);
            score = Arrays.copyOf(score, cap);
        }
        a[size] = x;
        b[size] = y;
        score[size++] = (float) s;
    }

    public void addAll(EdgeList other) {
        for (int i = 0; i < other.size; i++) {
            add(other.a[i], other.b[i], other.score[i]);
        }
    }

    public int size() {
        return size;
    }

    public int a(int i) {
        return a[i];
    }

    public int b(int i) {
        return b[i];
    }

    public float score(int i) {
        return score[i];
    }

    /** Edge indexes from the highest score to the lowest (ties in insertion order). */
    public int[] byScoreDescending() {
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            int bits = Float.floatToIntBits(score[i]);
            int sortable = bits >= 0 ? bits : bits ^ 0x7fffffff;
            // descending score: invert; ascending index for ties
            keys[i] = ((long) ~sortable << 32) | i;
        }
        Arrays.parallelSort(keys);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }
}
