package com.example;

/** A record that is not marked: the plugin leaves it alone. */
public record NotASchema(String required) {}
