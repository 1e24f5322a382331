package tandem.job;

/** The payload of jobs that need nothing but to run (recurring clean-ups): `{}` in the table. */
public record NoPayload() {
    public static final NoPayload NONE = new NoPayload();
}
