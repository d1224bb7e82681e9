/** The current time. The app takes one in its deps so tests can move time without waiting. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
