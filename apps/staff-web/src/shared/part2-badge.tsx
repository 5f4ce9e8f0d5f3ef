/** Part 2 status in text and a symbol, never colour alone. */
export function Part2Badge() {
  return (
    <span className="badge part2">
      <span aria-hidden="true">§ </span>Part 2
    </span>
  );
}
